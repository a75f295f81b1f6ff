const KEY = 'psap.theme';

/** Dark by default (dispatch floors are dim); the choice is remembered per browser. */
export function initialTheme(): 'dark' | 'light' {
  return localStorage.getItem(KEY) === 'light' ? 'light' : 'dark';
}

export function applyTheme(t: 'dark' | 'light'): void {
  document.documentElement.dataset.theme = t;
  localStorage.setItem(KEY, t);
}
