"""Write-back: changes to the user's own YAML files, the same from the command line and from the
local preview's page controls. Imports logic and core only."""
