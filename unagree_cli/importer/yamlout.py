"""YAML as the corpus writes it: block style, Unicode as is, keys in their order, long lines kept whole."""

from __future__ import annotations

from typing import Any


def dump(data: Any) -> str:
    from ..yamlio import yaml  # PyYAML as yamlio imports it (see there)

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # the corpus allows no anchors: every repeated value is written out

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    text: str = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
    )
    return text
