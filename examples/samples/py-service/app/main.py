from fastapi import FastAPI

from app.api import orders

app = FastAPI(title="orders-service")
app.include_router(orders.router, prefix="/orders")
