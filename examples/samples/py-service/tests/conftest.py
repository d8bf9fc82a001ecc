import pytest


class FakeSession:
    def __init__(self):
        self.added = []

    def add(self, obj):
        obj.id = len(self.added) + 1
        self.added.append(obj)

    def commit(self):
        pass

    def get(self, _model, key):
        return next((o for o in self.added if o.id == key), None)


@pytest.fixture
def session():
    return FakeSession()
