/** camelCase field name to the snake_case name every backend stores it under (`lastValidated` → `last_validated`). */
export function storageNameOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
