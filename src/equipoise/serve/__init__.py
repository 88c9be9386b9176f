"""serve stage: the REST API and the dashboard over one store."""

from equipoise.serve.app import create_app

__all__ = ["create_app"]
