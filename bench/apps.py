from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark commands for development machines (not installed in production)."""

    name = "bench"
    verbose_name = "Benchmarks"
