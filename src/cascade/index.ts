// Public API of src/cascade (re-exports only).
