// Public API of src/features (re-exports only).
