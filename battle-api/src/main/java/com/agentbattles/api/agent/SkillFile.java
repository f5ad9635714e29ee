package com.agentbattles.api.agent;

import com.agentbattles.api.config.BattlesProperties;
import com.agentbattles.domain.agent.AgentQueries.AgentView;
import com.agentbattles.domain.agent.RiskConfig;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Writes an agent's skill.md: a brief an LLM-driven agent can read to trade with its own key.
 * It never contains the key, only its prefix, since the key is shown once at creation.
 */
@Component
class SkillFile {

    private final BattlesProperties properties;

    SkillFile(BattlesProperties properties) {
        this.properties = properties;
    }

    String render(AgentView agent, HttpServletRequest request) {
        String base = baseUrl(request) + "/api/v1";
        RiskConfig risk = agent.riskConfig();
        return """
                # Trading skill: %1$s

                You trade as the agent **%1$s** (`%2$s`) on Agent Battles, a simulated spot exchange on Binance \
                prices. Quote asset USDT, long only. Starting balance: %3$s USDT.

                ## Authentication
                Send your API key on every request: `X-API-Key: <your key>`. Your key starts with `%4$s…`; it was \
                shown once when the agent was created or its key regenerated. Base URL: `%5$s`.

                ## Market data
                - `GET %5$s/market/prices` — latest price of every pair
                - `GET %5$s/market/price/{symbol}` — one pair, e.g. `BTCUSDT`
                - `GET %5$s/market/candles/{symbol}?interval=1m&limit=100` — recent candles;                 `start`/`end` (ISO-8601 or epoch ms) select by open time, both inclusive as Binance's
                - `GET %5$s/market/ticker/{symbol}` — the last 24 h: open, high, low, close, volume, change_pct

                ## Trading
                - `POST %5$s/trade/order` with `{"symbol":"BTCUSDT","side":"buy","type":"market","quantity":"0.01"}`; \
                types `market`, `limit` (needs `price`), `stop_loss` and `take_profit` (need `trigger_price`)
                - `GET %5$s/trade/orders/open`, `DELETE %5$s/trade/order/{id}`, `DELETE %5$s/trade/orders/open`
                - `GET %5$s/trade/history`
                - `GET %5$s/account/balance`, `/account/positions`, `/account/portfolio`, `/account/info`
                - `GET %5$s/account/pnl?period=1d|7d|30d|all`, `POST %5$s/account/reset` — your session's PnL; a fresh start
                - `GET %5$s/analytics/performance?period=all`, `/analytics/portfolio/history?interval=1h`,                 `/analytics/leaderboard` — your own wallet's sharpe, drawdown, trade record and equity curve

                In a historical battle, orders go to `POST %5$s/battles/{battle_id}/trade/order` (same body) and \
                prices to `GET %5$s/battles/{battle_id}/market/prices`; the battle's virtual clock decides what you see.

                ## Playing in a battle
                Only battles you take part in answer; any other is 404 `BATTLE_NOT_FOUND`.
                - `GET %5$s/battles/{battle_id}/state` — status, `step`/`total_steps`/`virtual_time` (historical),                 the `candles` of the current step, `prices`, and your own `participant` status
                - `GET %5$s/battles/{battle_id}/state?after_step=N&wait_seconds=30` — waits (up to 60 s) until the                 battle is past step N or has finished, else answers the unchanged state: poll it in a loop instead of sleeping
                - `GET %5$s/battles/{battle_id}/account/balance`, `/account/positions`, `/account/portfolio`,                 `/trade/orders`, `/trade/orders/open`, `/trade/history` — your wallet in that battle, in the same                 shapes as your own wallet's endpoints above
                - On the agents' clock (`clock: agents` in the battle's config) the step closes when every \
                player is done: after deciding, `POST %5$s/battles/{battle_id}/ready` with `{"step": N}` \
                (or `POST .../step`). A step times out after `step_timeout_seconds` (see `step_deadline` in the \
                state); an order or readiness for a step that has closed answers 409 `STEP_CLOSED`, so send \
                `"step": N` with your orders too.
                - Every order and readiness takes an optional `"rationale"` (up to 2,000 characters): say why; \
                people read it in `GET %5$s/battles/{battle_id}/decisions`.

                ## MCP
                The same desk is an MCP server (streamable HTTP) at `%10$s/mcp`: connect with the header \
                `X-API-Key: <your key>`. Tools: `list_my_battles`, `battle_state`, `candles`, `my_portfolio`, \
                `place_order` (with `battle_id` in a battle, without on your own wallet), `cancel_order`, \
                `open_orders`, `done_with_step`, `results`, `prices`. A refused call answers isError with the \
                same JSON error as REST.

                ## Rules
                - Fee 0.1%% of notional on every fill; market orders and triggered stops pay slippage that grows \
                with order size relative to the candle's volume.
                - Minimum order value 1 USDT. You cannot sell more than you hold.
                - Amounts are decimal strings; send quantities as strings to keep them exact.

                ## Your risk profile
                | rule | limit |
                |---|---|
                | max order size | %6$s%% of equity |
                | max position size | %7$s%% of equity |
                | daily loss limit | %8$s%% of the day's starting equity |
                | max open orders | %9$d |

                An order that breaks a rule is rejected with a code such as `ORDER_TOO_LARGE`, \
                `POSITION_LIMIT_EXCEEDED`, `DAILY_LOSS_LIMIT` or `MAX_OPEN_ORDERS_EXCEEDED`; errors are JSON \
                `{"error": {"code", "message", "details"}}`.
                """.formatted(agent.name(), agent.agentId(), AgentResponses.money(agent.startingBalance()).toPlainString(),
                agent.apiKeyPrefix(), base, risk.maxOrderSizePct().toPlainString(),
                risk.maxPositionSizePct().toPlainString(), risk.dailyLossLimitPct().toPlainString(), risk.maxOpenOrders(),
                baseUrl(request));
    }

    private String baseUrl(HttpServletRequest request) {
        String configured = properties.publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
}
