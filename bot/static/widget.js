/* Wegweiser chat widget: plain JavaScript, no framework.
 * Embed: <script src="https://HOST/static/widget.js" data-locale="de" defer></script>
 * Everything from the server or the user is inserted as text (textContent), never as HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(script.src, location.href).origin;
  var hint = (script.dataset.locale || navigator.language || "de").slice(0, 35);
  var store = window.localStorage;
  var KEY = "wegweiser-widget";
  var state = load();
  var ui = { strings: {}, languages: [], lang: state.lang || hint.split("-")[0], dir: "ltr" };
  var lastRequest = null;
  var el = {};

  function load() {
    try { return JSON.parse(store.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save() {
    state.history = (state.history || []).slice(-60);
    try { store.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: no memory */ }
  }
  // The session id is issued by the server in the first answer and kept here: it is the
  // only key to this conversation (a bearer secret), so it never goes anywhere but the API.
  function keepSession(data) {
    if (data && typeof data.session === "string" && data.session !== state.session) {
      state.session = data.session;
      save();
    }
  }

  function make(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function t(key, fallback) { return ui.strings[key] || fallback; }

  function build() {
    var css = make("link");
    css.rel = "stylesheet";
    css.href = base + "/static/widget.css";
    document.head.appendChild(css);

    el.root = make("div", "ww-root");
    el.launcher = make("button", "ww-launcher");
    el.launcher.type = "button";
    el.launcher.setAttribute("aria-expanded", "false");
    el.launcher.setAttribute("aria-controls", "ww-panel");
    el.panel = make("section", "ww-panel");
    el.panel.id = "ww-panel";
    el.panel.hidden = true;

    var header = make("div", "ww-header");
    el.title = make("h2", "ww-title");
    el.title.id = "ww-title";
    el.panel.setAttribute("aria-labelledby", "ww-title");
    el.langLabel = make("label", "ww-visually-hidden");
    el.langLabel.htmlFor = "ww-language";
    el.lang = make("select", "ww-language");
    el.lang.id = "ww-language";
    el.close = make("button", "ww-close", "×");
    el.close.type = "button";
    header.appendChild(el.title);
    header.appendChild(el.langLabel);
    header.appendChild(el.lang);
    header.appendChild(el.close);

    el.log = make("div", "ww-log");
    el.log.setAttribute("role", "log");
    el.log.setAttribute("aria-live", "polite");
    el.log.setAttribute("aria-relevant", "additions");
    el.log.tabIndex = 0;
    el.typing = make("div", "ww-typing");
    el.typing.hidden = true;
    el.typing.setAttribute("role", "status");
    el.status = make("div", "ww-status");
    el.status.hidden = true;
    el.statusText = make("span", "ww-status-text");
    el.retry = make("button", "ww-retry");
    el.retry.type = "button";
    el.status.appendChild(el.statusText);
    el.status.appendChild(el.retry);

    el.form = make("form", "ww-form");
    el.inputLabel = make("label", "ww-visually-hidden");
    el.inputLabel.htmlFor = "ww-input";
    el.input = make("input", "ww-input");
    el.input.id = "ww-input";
    el.input.type = "text";
    el.input.maxLength = 2000;
    el.input.autocomplete = "off";
    el.send = make("button", "ww-send");
    el.send.type = "submit";
    el.locate = make("button", "ww-locate");
    el.locate.type = "button";
    el.form.appendChild(el.inputLabel);
    el.form.appendChild(el.input);
    el.form.appendChild(el.send);
    el.form.appendChild(el.locate);

    el.panel.appendChild(header);
    el.panel.appendChild(el.log);
    el.panel.appendChild(el.typing);
    el.panel.appendChild(el.status);
    el.panel.appendChild(el.form);
    el.root.appendChild(el.launcher);
    el.root.appendChild(el.panel);
    document.body.appendChild(el.root);

    el.launcher.addEventListener("click", function () { toggle(el.panel.hidden); });
    el.close.addEventListener("click", function () { toggle(false); el.launcher.focus(); });
    el.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { toggle(false); el.launcher.focus(); }
    });
    el.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = el.input.value.trim();
      if (!text) return;
      el.input.value = "";
      send({ text: text }, text);
    });
    el.lang.addEventListener("change", function () {
      send({ payload: '/change_language{"language": "' + el.lang.value + '"}' }, el.lang.options[el.lang.selectedIndex].text);
    });
    el.locate.addEventListener("click", shareLocation);
    el.retry.addEventListener("click", function () { if (lastRequest) send(lastRequest.body, null); });
    if (window.visualViewport) {
      window.visualViewport.addEventListener("resize", fitViewport);
      window.visualViewport.addEventListener("scroll", fitViewport);
      fitViewport();
    }
  }

  // A phone's on-screen keyboard shrinks only the visual viewport: the full-screen panel
  // (widget.css, narrow screens) follows it, so the input stays above the keyboard.
  function fitViewport() {
    var viewport = window.visualViewport;
    el.root.style.setProperty("--ww-viewport-height", viewport.height + "px");
    el.root.style.setProperty("--ww-viewport-top", viewport.offsetTop + "px");
  }

  function toggle(open) {
    el.panel.hidden = !open;
    el.launcher.setAttribute("aria-expanded", String(open));
    state.open = open;
    save();
    if (open) el.input.focus();
  }

  function applyStrings() {
    el.launcher.textContent = t("open_chat", "Chat");
    el.title.textContent = t("chat_title", "Wegweiser");
    el.close.setAttribute("aria-label", t("close_chat", "Close"));
    el.langLabel.textContent = t("language", "Language");
    el.inputLabel.textContent = t("input_placeholder", "Message");
    el.input.placeholder = t("input_placeholder", "");
    el.send.textContent = t("send", "Send");
    el.locate.textContent = t("use_location", "Location");
    el.retry.textContent = t("retry", "Retry");
    el.typing.textContent = t("typing", "…");
    el.panel.setAttribute("dir", ui.dir);
    el.panel.setAttribute("lang", ui.lang);
    el.lang.textContent = "";
    ui.languages.forEach(function (item) {
      var option = make("option", null, item.name);
      option.value = item.code;
      option.lang = item.code;
      option.selected = item.code === ui.lang;
      el.lang.appendChild(option);
    });
  }

  function fetchStrings(lang) {
    return fetch(base + "/api/ui-strings?lang=" + encodeURIComponent(lang))
      .then(function (r) { return r.json(); })
      .then(function (data) {
        ui.strings = data.strings; ui.languages = data.languages; ui.lang = data.lang; ui.dir = data.dir;
        applyStrings();
      })
      .catch(function () { applyStrings(); });
  }

  function scrollDown() { el.log.scrollTop = el.log.scrollHeight; }

  function addUser(text) {
    var bubble = make("div", "ww-msg ww-user");
    var bdi = make("bdi", null, text);
    bubble.appendChild(bdi);
    el.log.appendChild(bubble);
    scrollDown();
  }

  function safeUrl(url) {
    try {
      var parsed = new URL(url);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (e) { return null; }
  }

  function offerCard(offer, lang) {
    var card = make("article", "ww-offer");
    var name = make("h3", "ww-offer-name");
    name.appendChild(make("bdi", null, offer.name));
    card.appendChild(name);
    (offer.summary || []).forEach(function (line) {
      var p = make("p", "ww-offer-line");
      p.appendChild(make("bdi", null, line));
      card.appendChild(p);
    });
    if (offer.unverified_note) card.appendChild(make("p", "ww-offer-note", offer.unverified_note));
    var links = make("div", "ww-offer-links");
    if (offer.phone) {
      var call = make("a", "ww-link", t("call", "Call") + " ");
      call.appendChild(make("bdi", null, offer.phone));
      call.href = "tel:" + offer.phone.replace(/[^\d+]/g, "");
      links.appendChild(call);
    }
    var website = offer.website && safeUrl(offer.website);
    if (website) {
      var web = make("a", "ww-link", t("website", "Website"));
      web.href = website;
      web.target = "_blank";
      web.rel = "noopener noreferrer";
      links.appendChild(web);
    }
    if (typeof offer.lat === "number" && typeof offer.lon === "number") {
      var map = make("a", "ww-link", t("show_on_map", "Map"));
      map.href = "https://www.openstreetmap.org/?mlat=" + offer.lat + "&mlon=" + offer.lon + "#map=16/" + offer.lat + "/" + offer.lon;
      map.target = "_blank";
      map.rel = "noopener noreferrer";
      links.appendChild(map);
    }
    card.appendChild(links);
    card.lang = lang;
    return card;
  }

  function addBot(message, remember) {
    var bubble = make("div", "ww-msg ww-bot");
    bubble.setAttribute("dir", message.dir === "rtl" ? "rtl" : "ltr");
    bubble.lang = message.lang || ui.lang;
    var offers = message.offers || [];
    var text = offers.length && message.intro ? message.intro : message.text;
    bubble.appendChild(make("p", "ww-text", text));
    offers.forEach(function (offer) { bubble.appendChild(offerCard(offer, bubble.lang)); });
    if (message.buttons && message.buttons.length) {
      var group = make("div", "ww-buttons");
      message.buttons.forEach(function (button) {
        var b = make("button", "ww-quick", button.title);
        b.type = "button";
        b.addEventListener("click", function () { send({ payload: button.payload }, button.title); });
        group.appendChild(b);
      });
      bubble.appendChild(group);
    }
    el.log.appendChild(bubble);
    scrollDown();
    if (remember) { state.history = (state.history || []).concat([{ bot: message }]); save(); }
  }

  function showStatus(text) {
    el.statusText.textContent = text;
    el.status.hidden = false;
  }

  function send(body, shown) {
    if (shown) {
      addUser(shown);
      state.history = (state.history || []).concat([{ user: shown }]);
      save();
    }
    lastRequest = { body: body };
    var request = Object.assign({ locale: ui.lang || hint }, body);
    if (state.session) request.session = state.session;
    el.typing.hidden = false;
    el.status.hidden = true;
    fetch(base + "/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request)
    })
      .then(function (response) {
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (result) {
        el.typing.hidden = true;
        keepSession(result.data);
        if (result.status === 429) { showStatus(t("too_fast", "Please wait.")); return; }
        if (result.status === 413) { showStatus(t("too_long", "Too long.")); return; }
        if (result.status >= 500) {
          (result.data.messages || []).forEach(function (m) { addBot(m, false); });
          showStatus(t("unavailable", "Unavailable."));
          return;
        }
        if (result.status !== 200) { showStatus(t("unreadable", "Error.")); return; }
        lastRequest = null;
        var messages = result.data.messages || [];
        messages.forEach(function (m) { addBot(m, true); });
        var lang = messages.length ? messages[messages.length - 1].lang : null;
        if (lang && lang !== ui.lang) { state.lang = lang; save(); fetchStrings(lang); }
      })
      .catch(function () {
        el.typing.hidden = true;
        showStatus(t("unavailable", "The service is temporarily unavailable."));
      });
  }

  function shareLocation() {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(function (position) {
      send({ location: { lat: position.coords.latitude, lon: position.coords.longitude } }, "📍 " + t("use_location", ""));
    });
  }

  function restore() {
    (state.history || []).forEach(function (entry) {
      if (entry.user) addUser(entry.user);
      if (entry.bot) addBot(entry.bot, false);
    });
  }

  function start() {
    build();
    fetchStrings(ui.lang).then(function () {
      restore();
      if (state.open) toggle(true);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
