// Registers every program tab of the community services home. Each program adds its import here.
export {};
