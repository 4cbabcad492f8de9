// Public API of src/data (re-exports only).
