// Public API of src/teach (re-exports only).
