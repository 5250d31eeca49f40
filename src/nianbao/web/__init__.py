"""The county's web page and the offices' upload links: a thin client of the inbox ledger.

``create_app(db)`` gives the ASGI application (Starlette, Jinja2 templates shipped in the package, no
JavaScript build step); ``nianbao serve`` runs it with uvicorn. Every page parses a request, calls the
ledger, renders the result; the same data is at ``/api/`` as JSON.
"""

from nianbao.web.server import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
