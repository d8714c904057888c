// What a page gets from the router: a way to clean up when it is left, and whether it was left.
export interface PageContext {
  onDispose(fn: () => void): void;
  gone(): boolean;
}

export function pageContext(): PageContext & { dispose(): void } {
  const disposers: (() => void)[] = [];
  let left = false;
  return {
    onDispose: (fn) => {
      disposers.push(fn);
    },
    gone: () => left,
    dispose: () => {
      left = true;
      for (const fn of disposers.splice(0)) fn();
    },
  };
}
