"""The plugin system. Plugins import from `cunwu.plugins.api` only; this package's other modules are the core's."""
