from app.models.order import Order


class OrderService:
    def __init__(self, session):
        self.session = session

    def place(self, customer_email: str, total_cents: int) -> Order:
        if total_cents <= 0:
            raise ValueError("an order costs something")
        order = Order(customer_email=customer_email, total_cents=total_cents, status="pending")
        self.session.add(order)
        self.session.commit()
        return order

    def find(self, order_id: int) -> Order | None:
        return self.session.get(Order, order_id)

    def mark_shipped(self, order_id: int) -> Order:
        order = self.find(order_id)
        if order is None:
            raise LookupError(order_id)
        order.status = "shipped"
        self.session.commit()
        return order
