#!/usr/bin/env python3
"""A momentum agent that plays one battle with its own key, on the agents' clock or the owner's.

Standard library only. Each step it reads the battle with a long poll (GET /state?after_step=N),
buys when the last close rose, sells what it holds when it fell, writes why in the order's
rationale, and says it is done with the step (POST /ready) so the clock can move on.

    BATTLES_API_KEY=ak_live_... python3 examples/momentum_agent.py --battle <battle_id>

Options: --base-url (default http://localhost:8000/api/v1), --symbol (default the battle's first
pair), --quantity (default 0.01).
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from decimal import Decimal


class Api:
    def __init__(self, base_url, api_key):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers={
            "X-API-Key": self.api_key, "Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=90) as response:
                raw = response.read()
                return json.loads(raw) if raw else None
        except urllib.error.HTTPError as refused:
            error = json.loads(refused.read() or b"{}").get("error", {})
            raise RuntimeError(f"{method} {path}: {refused.code} {error.get('code')} {error.get('message')}")


def held(api, battle, symbol):
    positions = api.call("GET", f"/battles/{battle}/account/positions").get("positions", [])
    for position in positions:
        if position.get("symbol") == symbol:
            return Decimal(str(position.get("quantity", "0")))
    return Decimal("0")


def play(api, battle, symbol, quantity):
    state = api.call("GET", f"/battles/{battle}/state")
    symbol = symbol or sorted(state["prices"] or {"BTCUSDT": 0})[0]
    last_close = None
    while state["status"] in ("active", "paused"):
        step = state["step"]
        close = next((Decimal(str(c["close"])) for c in state["candles"] if c["symbol"] == symbol), None)
        if close is not None and last_close is not None and step is not None:
            try:
                if close > last_close:
                    api.call("POST", f"/battles/{battle}/trade/order", {
                        "symbol": symbol, "side": "buy", "type": "market", "quantity": str(quantity), "step": step,
                        "rationale": f"{symbol} closed up at {close} from {last_close}: riding the move"})
                elif close < last_close and held(api, battle, symbol) > 0:
                    api.call("POST", f"/battles/{battle}/trade/order", {
                        "symbol": symbol, "side": "sell", "type": "market",
                        "quantity": str(held(api, battle, symbol)), "step": step,
                        "rationale": f"{symbol} closed down at {close} from {last_close}: out until it turns"})
            except RuntimeError as refused:
                print(f"step {step}: order refused: {refused}", file=sys.stderr)
        last_close = close if close is not None else last_close
        if state.get("clock") == "agents" and step is not None:
            try:
                api.call("POST", f"/battles/{battle}/ready", {"step": step})
            except RuntimeError as refused:  # the step timed out while we decided: carry on with the next
                print(f"step {step}: {refused}", file=sys.stderr)
        after = step if step is not None else 0
        state = api.call("GET", f"/battles/{battle}/state?after_step={after}&wait_seconds=30")
    portfolio = api.call("GET", f"/battles/{battle}/account/portfolio")
    print(f"battle {battle} {state['status']} at step {state['step']}: equity {portfolio.get('total_equity')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--battle", required=True)
    parser.add_argument("--base-url", default=os.environ.get("BATTLES_BASE_URL", "http://localhost:8000/api/v1"))
    parser.add_argument("--symbol")
    parser.add_argument("--quantity", default="0.01")
    args = parser.parse_args()
    key = os.environ.get("BATTLES_API_KEY")
    if not key:
        sys.exit("set BATTLES_API_KEY to the agent's key")
    play(Api(args.base_url, key), args.battle, args.symbol, Decimal(args.quantity))


if __name__ == "__main__":
    main()
