package com.agentbattles.engine;

import com.agentbattles.domain.agent.RiskConfig;
import com.agentbattles.domain.error.ErrorCode;
import com.agentbattles.domain.trading.Fill;
import com.agentbattles.domain.trading.OrderRequest;
import com.agentbattles.domain.trading.OrderSide;
import com.agentbattles.domain.trading.OrderType;
import com.agentbattles.domain.trading.Quote;
import com.agentbattles.domain.trading.RestingOrder;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Validation and risk checks of one new order, in the documented order: the first failing check
 * names the rejection, so the same request always gets the same answer. Reads the sandbox and
 * the board, changes nothing.
 */
final class OrderDecider {

    private static final int MAX_DECIMALS = 8;

    private final Sandbox sandbox;
    private final OrderRequest request;
    private final TradingRules rules;
    private final PriceBoard prices;
    private final Instant now;

    OrderDecider(Sandbox sandbox, OrderRequest request, TradingRules rules, PriceBoard prices, Instant now) {
        this.sandbox = sandbox;
        this.request = request;
        this.rules = rules;
        this.prices = prices;
        this.now = now;
    }

    OrderDecision decide() {
        if (request.orderId() == null || request.orderId().isBlank()) {
            return reject(ErrorCode.VALIDATION_ERROR, "order_id is required");
        }
        if (request.side() == null || request.type() == null) {
            return reject(ErrorCode.VALIDATION_ERROR, request.side() == null ? "side is required" : "type is required");
        }
        if (sandbox.openOrder(request.orderId()).isPresent()) {
            return reject(ErrorCode.VALIDATION_ERROR, "order_id " + request.orderId() + " is already an open order");
        }
        String symbol = request.symbol();
        if (symbol == null || !rules.symbols().contains(symbol)) {
            return reject(ErrorCode.INVALID_SYMBOL, "symbol " + symbol + " is not tradable here");
        }
        BigDecimal quantity = request.quantity();
        if (quantity == null || quantity.signum() <= 0 || decimals(quantity) > MAX_DECIMALS) {
            return reject(ErrorCode.INVALID_QUANTITY, "quantity must be positive with at most 8 decimals");
        }
        OrderType type = request.type();
        if (type == OrderType.LIMIT && !validPrice(request.price())) {
            return reject(ErrorCode.INVALID_PRICE, "price must be positive with at most 8 decimals for a limit order");
        }
        if (type.triggered() && !validPrice(request.triggerPrice())) {
            return reject(ErrorCode.INVALID_PRICE, "trigger_price must be positive with at most 8 decimals for a " + type.code() + " order");
        }
        Quote quote = prices.quoteOrNull(symbol);
        if (quote == null) {
            return reject(ErrorCode.NO_PRICE_AVAILABLE, "no price for " + symbol + " yet");
        }
        BigDecimal reference = switch (type) {
            case MARKET -> quote.price();
            case LIMIT -> request.price();
            case STOP_LOSS, TAKE_PROFIT -> request.triggerPrice();
        };
        BigDecimal value = quantity.multiply(reference);
        if (value.compareTo(TradingRules.MIN_ORDER_VALUE) < 0) {
            return reject(ErrorCode.INVALID_QUANTITY, "order value " + plain(value) + " USDT is below the minimum of "
                    + TradingRules.MIN_ORDER_VALUE + " USDT");
        }
        RiskConfig risk = rules.risk();
        if (type.rests() && sandbox.openOrderCount() >= risk.maxOpenOrders()) {
            return reject(ErrorCode.MAX_OPEN_ORDERS_EXCEEDED, "already " + sandbox.openOrderCount()
                    + " open orders, the limit is " + risk.maxOpenOrders());
        }
        String unpriced = sandbox.unpricedHolding(prices);
        if (unpriced != null) {
            // the risk rules need equity, and a holding is never valued at an invented price
            return reject(ErrorCode.NO_PRICE_AVAILABLE, "no price for held " + unpriced + ", so equity is unknown");
        }
        BigDecimal equity = sandbox.equity(prices);
        if (value.compareTo(percentOf(equity, risk.maxOrderSizePct())) > 0) {
            return reject(ErrorCode.ORDER_TOO_LARGE, "order value " + plain(value) + " USDT is more than "
                    + plain(risk.maxOrderSizePct()) + "% of equity " + plain(equity));
        }
        return request.side() == OrderSide.BUY
                ? decideBuy(symbol, quantity, type, reference, value, equity, quote)
                : decideSell(symbol, quantity, type, quote);
    }

    private OrderDecision decideBuy(String symbol, BigDecimal quantity, OrderType type, BigDecimal reference,
                                    BigDecimal value, BigDecimal equity, Quote quote) {
        RiskConfig risk = rules.risk();
        Position held = sandbox.positionOrNull(symbol);
        BigDecimal heldQuantity = held == null ? BigDecimal.ZERO : held.quantity();
        BigDecimal positionValue = heldQuantity.add(quantity).multiply(reference);
        if (positionValue.compareTo(percentOf(equity, risk.maxPositionSizePct())) > 0) {
            return reject(ErrorCode.POSITION_LIMIT_EXCEEDED, "position would be worth " + plain(positionValue)
                    + " USDT, more than " + plain(risk.maxPositionSizePct()) + "% of equity " + plain(equity));
        }
        BigDecimal dayStart = sandbox.dayStartEquity();
        if (dayStart != null && Sandbox.utcDay(now).equals(sandbox.markedDay())) {
            BigDecimal loss = dayStart.subtract(equity);
            if (loss.signum() > 0 && loss.compareTo(percentOf(dayStart, risk.dailyLossLimitPct())) >= 0) {
                return reject(ErrorCode.DAILY_LOSS_LIMIT, "down " + plain(loss) + " USDT today, the limit is "
                        + plain(risk.dailyLossLimitPct()) + "% of the day's starting equity " + plain(dayStart));
            }
        }
        if (type == OrderType.MARKET) {
            Fill fill = sandbox.marketFill(request.orderId(), symbol, OrderSide.BUY, quantity, quote, rules, now);
            if (fill.total().compareTo(sandbox.cash()) > 0) {
                return insufficientBalance(fill.total());
            }
            return new OrderDecision.FillsNow(fill);
        }
        BigDecimal lock = buyLock(quantity, type, reference);
        if (lock.compareTo(sandbox.cash()) > 0) {
            return insufficientBalance(lock);
        }
        return new OrderDecision.Rests(resting(symbol, OrderSide.BUY, quantity, type, lock));
    }

    private OrderDecision decideSell(String symbol, BigDecimal quantity, OrderType type, Quote quote) {
        Position held = sandbox.positionOrNull(symbol);
        BigDecimal available = held == null ? BigDecimal.ZERO : held.available();
        if (quantity.compareTo(available) > 0) {
            return reject(ErrorCode.INSUFFICIENT_HOLDINGS, "selling " + plain(quantity) + " " + base(symbol)
                    + " but only " + plain(available) + " is available");
        }
        if (type == OrderType.MARKET) {
            return new OrderDecision.FillsNow(sandbox.marketFill(request.orderId(), symbol, OrderSide.SELL, quantity, quote, rules, now));
        }
        return new OrderDecision.Rests(resting(symbol, OrderSide.SELL, quantity, type, quantity));
    }

    /**
     * A limit buy holds its cost at the limit (it can only fill at or below it). A triggered buy
     * holds its cost at the trigger moved by the slippage ceiling: enough for any fill that does
     * not gap past the trigger; a gap beyond that may draw on available cash at fill time.
     */
    private BigDecimal buyLock(BigDecimal quantity, OrderType type, BigDecimal level) {
        BigDecimal price = type == OrderType.LIMIT
                ? level
                : Pricing.slipped(level, Pricing.ceiling(rules.fees()), OrderSide.BUY);
        return Pricing.buyCost(quantity, price, rules.fees());
    }

    private RestingOrder resting(String symbol, OrderSide side, BigDecimal quantity, OrderType type, BigDecimal locked) {
        return new RestingOrder(request.orderId(), symbol, side, type, quantity,
                type == OrderType.LIMIT ? request.price() : null,
                type.triggered() ? request.triggerPrice() : null,
                locked, now);
    }

    private OrderDecision insufficientBalance(BigDecimal needed) {
        return reject(ErrorCode.INSUFFICIENT_BALANCE, "needs " + plain(needed) + " USDT, "
                + plain(sandbox.cash()) + " available");
    }

    private static boolean validPrice(BigDecimal price) {
        return price != null && price.signum() > 0 && decimals(price) <= MAX_DECIMALS;
    }

    private static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    private static BigDecimal percentOf(BigDecimal amount, BigDecimal pct) {
        return amount.multiply(pct).movePointLeft(2);
    }

    private static String base(String symbol) {
        return symbol.endsWith("USDT") ? symbol.substring(0, symbol.length() - 4) : symbol;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static OrderDecision reject(ErrorCode code, String message) {
        return new OrderDecision.Rejected(code, message);
    }
}
