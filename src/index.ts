/**
 * `engagement-lifecycle`: the lifecycle core shared by every lifecycle. The built-in lifecycles live in their own
 * entry points (`engagement-lifecycle/plextrac`, ...), so that importing one does not load the others.
 */
export * from './core/index.js';
