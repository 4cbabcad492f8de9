// Public API of src/evaluate (re-exports only).
