package com.agentbattles.api.battle;

import com.agentbattles.api.BattlesApplication;
import com.agentbattles.api.support.Chromium;
import com.agentbattles.api.support.ReplayFeedServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real Chromium against the real server, with the replay feed standing in for
 * Binance (stored 2022-11-09 candles, one a second): an owner signs in with key and secret,
 * creates battles from the page, watches a live battle's curves, ranking and trades move while
 * two agents trade through their own keys, reads the results and the audit, and steps a
 * historical battle from the page. Screenshots go to target/screenshots.
 */
@ExtendWith(Chromium.class)
@SpringBootTest(classes = BattlesApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    ChromeDriver browser;

    @DynamicPropertySource
    static void replayFeed(DynamicPropertyRegistry registry) {
        ReplayFeedServer.register(registry, "dashboard", "dashboard-admin", "1m", 60);
        registry.add("battles.live.snapshot-interval", () -> "1s");
        registry.add("battles.live.clock-tick", () -> "100ms");
    }

    @BeforeEach
    void candlesAndBrowser() {
        BattleApiClient priced = BattleApiClient.register(port, "Price check").apiKey();
        if (priced.get("/market/price/BTCUSDT").status() != 200) {
            var upload = new com.agentbattles.api.support.ApiClient(port).withHeader("X-Admin-Key", "dashboard-admin")
                    .upload("/admin/candles/import", "file", List.of(
                            HistoricalCandles.shared("binance-futures-um/BTCUSDT-1m-2022-11-09.csv"),
                            HistoricalCandles.shared("binance-futures-um/ETHUSDT-1m-2022-11-09.csv")));
            assertThat(upload.status()).as(upload.toString()).isEqualTo(200);
            Awaitility.await().atMost(WAIT).until(() -> priced.get("/market/price/BTCUSDT").status() == 200
                    && priced.get("/market/price/ETHUSDT").status() == 200);
        }
        browser = Chromium.start();
    }

    /** The page as the test left it, also when it failed: what a person looks at first. */
    @AfterEach
    void closeBrowser(org.junit.jupiter.api.TestInfo test) {
        if (browser != null) {
            Chromium.screenshot(browser, "last-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
            browser.quit();
        }
    }

    @Test
    void aLiveBattleIsWatchedFromSignInToItsAuditedResults() {
        Owner owner = Owner.register(port, "Dashboard owner");
        Agent alpha = owner.agent("Alpha");
        // a name that would be markup if the page inserted it as HTML
        Agent beta = owner.agent("Beta <img src=x onerror=alert(1)>");

        open();
        // a wrong secret: the API's message is on the page, and nothing else happens
        signIn(owner.apiKey, "sk_live_wrong");
        assertThat(waitForText("#error-message")).contains("INVALID");
        signIn(owner.apiKey, owner.apiSecret);
        waitFor(d -> !d.findElements(By.id("create-battle")).isEmpty());
        assertThat(browser.executeScript("return sessionStorage.getItem('battles.jwt') !== null")).isEqualTo(true);
        assertThat(browser.executeScript("return localStorage.length + document.cookie.length")).isEqualTo(0L);

        createBattle(Map.of("name", "Minute duel", "duration_minutes", "1"), "quick_1h");
        addParticipant("Alpha");
        addParticipant("Beta <img src=x onerror=alert(1)>");
        assertThat(rows("#participants")).hasSize(2);
        assertThat(text("#participants")).contains("Beta <img src=x onerror=alert(1)>");
        assertThat(browser.findElements(By.cssSelector("#battle img"))).isEmpty();
        click("start");
        waitFor(d -> "active".equals(text("#battle-status")));

        // the agents trade with their own keys; the page shows each fill with its note
        Awaitility.await().atMost(WAIT).until(() -> alpha.api.post("/trade/order", Map.of("symbol", "BTCUSDT",
                "side", "buy", "type", "market", "quantity", "0.02", "rationale", "breakout above the range")).status() == 201);
        Awaitility.await().atMost(WAIT).until(() -> beta.api.post("/trade/order", Map.of("symbol", "ETHUSDT",
                "side", "buy", "type", "market", "quantity", "0.5")).status() == 201);
        waitFor(d -> rows("#trade-feed").size() >= 2);
        assertThat(text("#trade-feed")).contains("Alpha", "buy 0.02 BTCUSDT", "breakout above the range",
                "Beta <img src=x onerror=alert(1)>", "buy 0.5 ETHUSDT");

        // the curves grow point by point from the pushes, and the ranking lists both with their metrics
        waitFor(d -> points("Alpha") >= 3 && points("Beta <img src=x onerror=alert(1)>") >= 3);
        int before = points("Alpha");
        waitFor(d -> points("Alpha") >= before + 3);
        waitFor(d -> rows("#ranking-table").size() == 2);
        assertThat(headers("#ranking-table")).contains("Equity", "ROI %", "PnL", "Trades", "Win rate", "Sharpe", "Max DD %");
        assertThat(text("#ranking-table")).contains("Alpha", "Beta <img");
        alpha.api.post("/trade/order", Map.of("symbol", "BTCUSDT", "side", "sell", "type", "market",
                "quantity", "0.01", "rationale", "taking half off")).expect(201);
        waitFor(d -> text("#trade-feed").contains("taking half off"));
        waitFor(d -> text("#ranking-table").matches("(?s).*Alpha.*\\b2\\b.*"));
        assertThat(text("#progress")).contains("of 60 s");
        Chromium.screenshot(browser, "live-battle-running");

        // it ends at its deadline: results, the audit badge and the replay scrubber
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(d -> "completed".equals(text("#battle-status")));
        waitFor(d -> rows("#results-table").size() == 2);
        waitFor(d -> "true".equals(browser.findElement(By.id("audit-badge")).getDomAttribute("data-matches")));
        assertThat(text("#audit-badge")).contains("Audit");
        JsonNode results = owner.jwt.get("/battles/" + owner.lastBattle() + "/results").expect(200).body();
        assertThat(text("#winner")).contains(results.get("winner_agent_name").asText());
        assertThat(text("#digest")).isEqualTo(results.get("rankings_digest").asText());
        int snapshots = owner.jwt.get("/battles/" + owner.lastBattle() + "/replay?limit=1").expect(200).body()
                .get("total_snapshots").asInt();
        waitFor(d -> points("Alpha") == snapshots);
        scrubToTheStart("snapshot 1 of " + snapshots);
        assertThat(rows("#scrub-table")).hasSize(2);
        Chromium.screenshot(browser, "live-battle-completed");

        browser.findElement(By.linkText("← all battles")).click();
        waitFor(d -> rows("#battle-list").size() == 1);
        assertThat(text("#battle-list tbody")).contains("Minute duel", "completed", "live", "roi_pct", "2");
        Chromium.screenshot(browser, "battles");
    }

    @Test
    void aHistoricalBattleIsSteppedFromThePage() {
        Owner owner = Owner.register(port, "Stepping owner");
        Agent trader = owner.agent("Trader");
        owner.agent("Holder");
        open();
        signIn(owner.apiKey, owner.apiSecret);
        waitFor(d -> !d.findElements(By.id("create-battle")).isEmpty());

        createBattle(Map.of("name", "Half an hour", "pairs", "BTCUSDT", "start_time", "2022-11-09T00:00:00Z",
                "end_time", "2022-11-09T00:30:00Z"), "historical_day");
        addParticipant("Trader");
        // an error of the API is shown as its message: one participant cannot start
        click("start");
        assertThat(waitForText("#error-message")).contains("INVALID_STATE_TRANSITION");
        addParticipant("Holder");
        click("start");
        waitFor(d -> "active".equals(text("#battle-status")));
        waitFor(d -> text("#progress").startsWith("step 0 of 30"));

        click("step-one");
        waitFor(d -> text("#progress").startsWith("step 1 of 30"));
        trader.api.post("/battles/" + owner.lastBattle() + "/trade/order", Map.of("symbol", "BTCUSDT", "side", "buy",
                "type", "market", "quantity", "0.1", "rationale", "first candle is green")).expect(201);
        waitFor(d -> text("#trade-feed").contains("first candle is green"));

        WebElement count = browser.findElement(By.id("step-count"));
        count.clear();
        count.sendKeys("10");
        click("step-n");
        waitFor(d -> text("#progress").startsWith("step 11 of 30"));
        assertThat(text("#progress")).contains("virtual time 2022-11-09 00:11:00Z");
        waitFor(d -> points("Trader") == 11 && points("Holder") == 11);
        waitFor(d -> rows("#ranking-table").size() == 2);
        // the buy-and-hold baseline is drawn beside them (a point per step) and named under the ranking
        waitFor(d -> points("baseline") == 11);
        waitFor(d -> text("#baseline").startsWith("Buy & hold baseline:"));
        Chromium.screenshot(browser, "historical-battle-stepping");

        count = browser.findElement(By.id("step-count"));
        count.clear();
        count.sendKeys("19");
        click("step-n");
        waitFor(d -> "completed".equals(text("#battle-status")));
        waitFor(d -> rows("#results-table").size() == 2);
        waitFor(d -> "true".equals(browser.findElement(By.id("audit-badge")).getDomAttribute("data-matches")));
        waitFor(d -> points("Trader") == 30 && points("baseline") == 30);
        assertThat(text("#scrub-info")).startsWith("snapshot 30 of 30 · step 30");
        scrubToTheStart("snapshot 1 of 30 · step 1 ·");
        assertThat(text("#scrub-table")).contains("Trader", "Holder", "10000.00");
        Chromium.screenshot(browser, "historical-battle-completed");

        // opened afresh, the finished battle shows its trades from the wallets' histories
        browser.navigate().refresh();
        waitFor(d -> rows("#trade-feed").size() == 2 && rows("#results-table").size() == 2);
        assertThat(text("#trade-feed")).contains("first candle is green", "sell 0.1 BTCUSDT");

        // the agents page: a new agent's key is shown once, a new key replaces it, skill.md reads
        click("nav-agents");
        waitFor(d -> rows("#agent-list").size() == 3);
        WebElement create = browser.findElement(By.id("create-agent"));
        create.findElement(By.name("name")).sendKeys("Scout");
        create.findElement(By.name("max_order_size_pct")).sendKeys("25");
        create.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> text("#new-key-value").startsWith("ak_") && rows("#agent-list").size() == 4);
        String firstKey = text("#new-key-value");
        assertThat(BattleApiClient.withApiKey(port, firstKey).get("/account/info").status()).isEqualTo(200);
        waitFor(d -> {
            d.findElement(By.xpath("//table[@id='agent-list']//tr[td[1][.='Scout']]//button[.='new key']")).click();
            return text("#new-key-value").startsWith("ak_") && !text("#new-key-value").equals(firstKey);
        });
        assertThat(BattleApiClient.withApiKey(port, firstKey).get("/account/info").status()).isEqualTo(401);
        waitFor(d -> {
            d.findElement(By.xpath("//table[@id='agent-list']//tr[td[1][.='Scout']]//button[.='skill.md']")).click();
            return text("#skill-md").contains("Scout");
        });
        Chromium.screenshot(browser, "agents");
    }

    // ---- the page --------------------------------------------------------------------------------

    private void open() {
        browser.get("http://localhost:" + port + "/");
        waitFor(d -> !d.findElements(By.id("sign-in")).isEmpty());
    }

    private void signIn(String key, String secret) {
        WebElement form = browser.findElement(By.id("sign-in"));
        WebElement keyInput = form.findElement(By.name("api_key"));
        WebElement secretInput = form.findElement(By.name("api_secret"));
        keyInput.clear();
        keyInput.sendKeys(key);
        secretInput.clear();
        secretInput.sendKeys(secret);
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void createBattle(Map<String, String> fields, String preset) {
        WebElement form = browser.findElement(By.id("create-battle"));
        waitFor(d -> form.findElements(By.cssSelector("#create-preset option")).size() > 1);
        new Select(form.findElement(By.id("create-preset"))).selectByValue(preset);
        fields.forEach((name, value) -> form.findElement(By.name(name)).sendKeys(value));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.id("add-participant")).isEmpty());
    }

    private void addParticipant(String agentName) {
        int before = browser.findElements(By.cssSelector("#participants tbody tr")).size();
        waitFor(d -> d.findElements(By.cssSelector("#add-agent option")).stream().anyMatch(o -> o.getText().equals(agentName)));
        new Select(browser.findElement(By.id("add-agent"))).selectByVisibleText(agentName);
        browser.findElement(By.cssSelector("#add-participant button")).click();
        waitFor(d -> d.findElements(By.cssSelector("#participants tbody tr")).size() == before + 1);
    }

    /** Moves the replay scrubber to the first snapshot (again, should the page redraw it meanwhile). */
    private void scrubToTheStart(String expected) {
        waitFor(d -> {
            d.findElement(By.id("scrubber")).sendKeys(Keys.HOME);
            return text("#scrub-info").startsWith(expected);
        });
    }

    private void click(String id) {
        browser.findElement(By.id(id)).click();
    }

    /** The element's text ("" when absent). */
    private String text(String css) {
        return readAgainIfRedrawn(() -> {
            List<WebElement> found = browser.findElements(By.cssSelector(css));
            return found.isEmpty() ? "" : found.get(0).getText();
        });
    }

    /** Reads the page again should it have redrawn the element meanwhile (the ranking does at every push). */
    private static <T> T readAgainIfRedrawn(java.util.function.Supplier<T> read) {
        for (int attempt = 0; ; attempt++) {
            try {
                return read.get();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private String waitForText(String css) {
        waitFor(d -> !text(css).isBlank());
        return text(css);
    }

    private List<WebElement> rows(String css) {
        return browser.findElements(By.cssSelector(css + " tbody tr, " + css + " > li"));
    }

    private List<String> headers(String css) {
        return readAgainIfRedrawn(() -> browser.findElements(By.cssSelector(css + " thead th")).stream()
                .map(WebElement::getText).toList());
    }

    /** The points the chart has drawn for one series (data-points, kept by the chart). */
    private int points(String series) {
        Object count = ((JavascriptExecutor) browser).executeScript(
                "const c = document.getElementById('equity-chart'); if (!c) return 0;"
                        + "return JSON.parse(c.dataset.points || '{}')[arguments[0]] || 0;", series);
        return ((Number) count).intValue();
    }

    private void waitFor(Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    // ---- the API, as the agents and the test's own checks use it ------------------------------

    private record Agent(String id, BattleApiClient api) {
    }

    private static final class Owner {
        final int port;
        final String apiKey;
        final String apiSecret;
        final BattleApiClient jwt;

        private Owner(int port, String apiKey, String apiSecret, BattleApiClient jwt) {
            this.port = port;
            this.apiKey = apiKey;
            this.apiSecret = apiSecret;
            this.jwt = jwt;
        }

        static Owner register(int port, String name) {
            BattleApiClient anonymous = BattleApiClient.anonymous(port);
            JsonNode registered = anonymous.post("/auth/register", Map.of("display_name", name)).expect(201).body();
            String key = registered.get("api_key").asText();
            String secret = registered.get("api_secret").asText();
            String token = anonymous.post("/auth/login", Map.of("api_key", key, "api_secret", secret)).expect(200)
                    .body().get("token").asText();
            return new Owner(port, key, secret, BattleApiClient.withBearer(port, token));
        }

        Agent agent(String name) {
            JsonNode created = jwt.post("/agents", Map.of("name", name)).expect(201).body();
            return new Agent(created.get("agent_id").asText(), BattleApiClient.withApiKey(port, created.get("api_key").asText()));
        }

        /** The battle the page created last (the newest of the list). */
        String lastBattle() {
            return jwt.get("/battles?limit=1").expect(200).body().get("battles").get(0).get("battle_id").asText();
        }
    }
}
