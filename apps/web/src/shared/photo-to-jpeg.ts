/**
 * Shrinks a picture in the browser and re-encodes it as JPEG before upload: phones take 5-10 MB
 * photos, and drawing to a canvas drops EXIF data such as the GPS position of the home.
 */
export async function photoToJpeg(file: File, maxSide = 900, quality = 0.85): Promise<{ base64: string; previewUrl: string }> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const scale = Math.min(1, maxSide / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no canvas');
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const dataUrl = canvas.toDataURL('image/jpeg', quality);
    return { base64: dataUrl.slice(dataUrl.indexOf(',') + 1), previewUrl: dataUrl };
  } finally {
    URL.revokeObjectURL(url);
  }
}
