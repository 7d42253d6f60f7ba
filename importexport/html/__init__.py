"""Body HTML and typed body blocks: ``to_blocks`` (import), ``from_blocks`` (export) and
``shapes`` (what a translation's body must keep of its source)."""
