// Registers every public page. Each program adds its pages here.
export {};
