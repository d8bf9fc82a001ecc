import pytest

from app.services.order_service import OrderService


def test_place_rejects_free_orders(session):
    with pytest.raises(ValueError):
        OrderService(session).place("a@b.example", 0)


def test_mark_shipped(session):
    service = OrderService(session)
    order = service.place("a@b.example", 1200)
    assert service.mark_shipped(order.id).status == "shipped"
