// RPG Maker MV/MZ projects: detection, sheet layouts, exporters, Actors.json merge and safe writes.
