// Public API of src/export (re-exports only).
