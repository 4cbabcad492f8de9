// Public API of src/bench (re-exports only).
