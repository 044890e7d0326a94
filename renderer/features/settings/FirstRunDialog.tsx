export function FirstRunDialog() {
  return null;
}
