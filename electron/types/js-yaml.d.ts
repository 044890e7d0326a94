// The one js-yaml function the tests use (js-yaml ships no types; @types/js-yaml would be one more dependency).
declare module 'js-yaml' {
  export function load(text: string): unknown;
  const yaml: { load: typeof load };
  export default yaml;
}
