"""What every analysis model shares: archiving (nothing is deleted) and the 1–5 scores."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

USER = settings.AUTH_USER_MODEL
SCORE = [MinValueValidator(1), MaxValueValidator(5)]
SCORES = [(n, str(n)) for n in range(1, 6)]


class Archivable(models.Model):
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
