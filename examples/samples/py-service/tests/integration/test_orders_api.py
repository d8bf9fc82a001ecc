import pytest
from fastapi.testclient import TestClient

from app.main import app


@pytest.mark.integration
def test_unknown_order_is_404():
    assert TestClient(app).get("/orders/999999").status_code == 404
