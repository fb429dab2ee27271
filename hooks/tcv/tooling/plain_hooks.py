"""MkDocs hooks of the benchmark's plain MkDocs build (tcv.tooling.bench): only what our theme's
templates need in order to render — the Content-Security-Policy filter and slot, and Material's
hashed asset names — and none of the data, pages or checks of the real hooks."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from tcv import csp, theme


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    csp.install(env)
    theme.install(env)
    return env
