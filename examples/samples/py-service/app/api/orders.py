from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

from app.db import get_session
from app.services.order_service import OrderService


class OrderIn(BaseModel):
    customer_email: str
    total_cents: int


router = APIRouter()


@router.post("/", status_code=201)
def create_order(body: OrderIn, session=Depends(get_session)):
    order = OrderService(session).place(body.customer_email, body.total_cents)
    return {"id": order.id, "status": order.status}


@router.get("/{order_id}")
def get_order(order_id: int, session=Depends(get_session)):
    order = OrderService(session).find(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="no such order")
    return {"id": order.id, "status": order.status, "total_cents": order.total_cents}
