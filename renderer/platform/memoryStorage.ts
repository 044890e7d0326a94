/** A DOM-free stand-in for localStorage / sessionStorage, for the tests of the browser platform under Node. */
export class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(k: string) {
    return this.data.has(k) ? this.data.get(k)! : null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}
