"""Write src/techtime/interchange/techtime-export.schema.json from the registry and the import checks.

Run after changing a table or a check; tests/test_json_roundtrip.py fails while the file is stale.
"""

from __future__ import annotations

import json

from techtime.interchange.json_backup import SCHEMA_FILE, json_schema


def render() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
