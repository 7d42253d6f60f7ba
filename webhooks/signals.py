"""Placeholder replaced below."""


def connect():
    pass
