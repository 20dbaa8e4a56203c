"""Retrofit Desktop: energy-efficiency retrofit assessment against China's 2024 tier catalog."""

__version__ = "0.1.0"
