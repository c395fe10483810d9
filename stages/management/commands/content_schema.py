"""`python manage.py content_schema`: write content/schema/, the JSON Schema of each kind of
content file, generated from the models (stages/content/models.py). Editors that read JSON Schema
(VS Code's YAML extension, JetBrains) then check a file as it is typed. A test fails while the
committed schema differs from the models."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from stages.content.loader import json_schemas


class Command(BaseCommand):
    help = "Write content/schema/*.schema.json from the content models."

    def handle(self, *args, **options) -> None:
        folder = Path(settings.CONTENT_DIR) / "schema"
        folder.mkdir(exist_ok=True)
        for name, text in json_schemas().items():
            (folder / name).write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {len(json_schemas())} schemas to {folder}")
