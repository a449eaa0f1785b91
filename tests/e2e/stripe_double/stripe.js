/*
 * TEST DOUBLE of Stripe.js — served by Playwright in place of https://js.stripe.com/... for the
 * browser suite (tests/e2e/test_stripe_elements.py), which runs without internet. Never shipped
 * to users. It implements only the surface the web app (and @stripe/react-stripe-js) uses, after
 * Stripe's reference (docs.stripe.com/js):
 *
 *   Stripe(publishableKey)            → a Stripe instance (`Stripe.version` is the release train
 *                                       @stripe/stripe-js expects)
 *   stripe.elements({clientSecret, locale}) → an Elements group; .create("payment"), .update(),
 *                                       .getElement("payment")
 *   paymentElement.mount(node) / .on / .off / .update / .destroy — emits "ready" once mounted
 *                                       and "change" on input; a plain form (no iframe) with
 *                                       labelled card number, expiry and CVC fields
 *   stripe.confirmPayment({elements, redirect, confirmParams}) → Promise of {paymentIntent} or
 *                                       {error}: incomplete fields give a validation_error
 *                                       without a request, like Stripe.js; otherwise it POSTs
 *                                       /v1/payment_intents/{id}/confirm to api.stripe.com with
 *                                       the publishable key and the client secret (the id is the
 *                                       secret's prefix), and a refused card's API error comes
 *                                       back as {error}. `redirect: "if_required"` resolves for a
 *                                       card; the default ("always") goes to `return_url`.
 *
 * The API side (the fake Stripe server) decides the outcome by Stripe's test cards, and sends
 * the `payment_intent.succeeded` webhook to the live server.
 */
(function () {
  "use strict";

  var API = "https://api.stripe.com/v1";

  function IntegrationError(message) {
    var error = new Error(message);
    error.name = "IntegrationError";
    return error;
  }

  function PaymentElement(elements, options) {
    this._elements = elements;
    this._options = options || {};
    this._handlers = {};
    this._node = null;
    this._fields = null;
  }

  PaymentElement.prototype.on = function (event, handler) {
    (this._handlers[event] = this._handlers[event] || []).push(handler);
    return this;
  };

  PaymentElement.prototype.off = function (event, handler) {
    var list = this._handlers[event] || [];
    this._handlers[event] = handler ? list.filter(function (h) { return h !== handler; }) : [];
    return this;
  };

  PaymentElement.prototype._emit = function (event, payload) {
    (this._handlers[event] || []).forEach(function (handler) { handler(payload); });
  };

  PaymentElement.prototype.mount = function (target) {
    var node = typeof target === "string" ? document.querySelector(target) : target;
    if (!node) throw IntegrationError("The selector you specified does not match an element.");
    var element = this;
    var fieldset = document.createElement("fieldset");
    fieldset.className = "fake-stripe-payment-element";
    fieldset.setAttribute("data-testid", "fake-stripe-payment-element");
    var legend = document.createElement("legend");
    legend.textContent = "Card (test double of Stripe's Payment Element)";
    fieldset.appendChild(legend);
    this._fields = {};
    [
      ["number", "Card number", "cc-number"],
      ["expiry", "Expiration date (MM / YY)", "cc-exp"],
      ["cvc", "Security code", "cc-csc"],
    ].forEach(function (spec) {
      var label = document.createElement("label");
      label.textContent = spec[1];
      var input = document.createElement("input");
      input.name = spec[0];
      input.autocomplete = spec[2];
      input.inputMode = "numeric";
      input.addEventListener("input", function () {
        element._emit("change", { elementType: "payment", empty: false, complete: element._complete(), value: { type: "card" } });
      });
      label.appendChild(input);
      fieldset.appendChild(label);
      element._fields[spec[0]] = input;
    });
    node.appendChild(fieldset);
    this._node = fieldset;
    // Stripe's element reports "ready" once its iframe has loaded: later than mount().
    setTimeout(function () { element._emit("ready", { elementType: "payment" }); }, 0);
  };

  PaymentElement.prototype._values = function () {
    var f = this._fields || {};
    var expiry = ((f.expiry && f.expiry.value) || "").split("/").map(function (s) { return s.trim(); });
    return {
      number: ((f.number && f.number.value) || "").replace(/\s+/g, ""),
      exp_month: expiry[0] || "",
      exp_year: expiry[1] || "",
      cvc: (f.cvc && f.cvc.value) || "",
    };
  };

  PaymentElement.prototype._complete = function () {
    var v = this._values();
    return v.number.length >= 12 && v.exp_month !== "" && v.exp_year !== "" && v.cvc.length >= 3;
  };

  PaymentElement.prototype.update = function (options) {
    Object.assign(this._options, options || {});
  };

  PaymentElement.prototype.unmount = function () {
    if (this._node && this._node.parentNode) this._node.parentNode.removeChild(this._node);
    this._node = null;
  };

  PaymentElement.prototype.destroy = function () {
    this.unmount();
    this._handlers = {};
    this._elements._payment = null;
  };

  function Elements(stripe, options) {
    this._stripe = stripe;
    this._options = options || {};
    this._payment = null;
  }

  Elements.prototype.create = function (type, options) {
    if (type !== "payment") throw IntegrationError("The test double only implements the Payment Element, not " + type + ".");
    if (this._payment) throw IntegrationError("Can only create one Element of type payment.");
    if (!this._options.clientSecret) throw IntegrationError("In order to create a payment element, you must pass a clientSecret or mode when creating the Elements group.");
    this._payment = new PaymentElement(this, options);
    return this._payment;
  };

  Elements.prototype.getElement = function (type) {
    return type === "payment" ? this._payment : null;
  };

  Elements.prototype.update = function (options) {
    Object.assign(this._options, options || {});
  };

  function Stripe(key, options) {
    if (!(this instanceof Stripe)) return new Stripe(key, options);
    if (typeof key !== "string" || key.indexOf("pk_") !== 0) throw IntegrationError("Invalid value for Stripe(): apiKey should be a publishable key.");
    this._key = key;
  }

  Stripe.version = "endive";

  Stripe.prototype._registerWrapper = function () {};
  Stripe.prototype.registerAppInfo = function () {};

  Stripe.prototype.elements = function (options) {
    return new Elements(this, options);
  };

  function notInDouble(name) {
    return function () {
      return Promise.reject(IntegrationError(name + " is not implemented by the test double."));
    };
  }

  // react-stripe-js recognises a Stripe instance by these methods; the app does not call them.
  Stripe.prototype.createToken = notInDouble("createToken");
  Stripe.prototype.createPaymentMethod = notInDouble("createPaymentMethod");
  Stripe.prototype.confirmCardPayment = notInDouble("confirmCardPayment");

  Stripe.prototype.confirmPayment = function (options) {
    var opts = options || {};
    var elements = opts.elements;
    var confirmParams = opts.confirmParams || {};
    var redirect = opts.redirect || "always";
    if (!elements || !elements._payment) return Promise.reject(IntegrationError("confirmPayment needs the Elements group that created a mounted Payment Element."));
    if (redirect === "always" && !confirmParams.return_url) return Promise.reject(IntegrationError("stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`"));
    var element = elements._payment;
    if (!element._complete()) {
      return Promise.resolve({ error: { type: "validation_error", code: "incomplete_number", message: "Your card number is incomplete." } });
    }
    var clientSecret = elements._options.clientSecret;
    var intentId = clientSecret.split("_secret_")[0];
    var v = element._values();
    var body = new URLSearchParams();
    body.set("key", this._key);
    body.set("client_secret", clientSecret);
    body.set("payment_method_data[type]", "card");
    body.set("payment_method_data[card][number]", v.number);
    body.set("payment_method_data[card][exp_month]", v.exp_month);
    body.set("payment_method_data[card][exp_year]", v.exp_year);
    body.set("payment_method_data[card][cvc]", v.cvc);
    if (confirmParams.return_url) body.set("return_url", confirmParams.return_url);
    return fetch(API + "/payment_intents/" + encodeURIComponent(intentId) + "/confirm", { method: "POST", body: body })
      .then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok, json: json }; });
      })
      .then(function (answer) {
        if (!answer.ok) return { error: answer.json.error };
        var intent = answer.json;
        if (redirect === "always" && confirmParams.return_url) {
          var url = new URL(confirmParams.return_url);
          url.searchParams.set("payment_intent", intent.id);
          url.searchParams.set("payment_intent_client_secret", clientSecret);
          url.searchParams.set("redirect_status", intent.status);
          window.location.assign(url.toString());
        }
        return { paymentIntent: intent };
      })
      .catch(function () {
        return { error: { type: "api_connection_error", message: "We could not reach Stripe. Please try again." } };
      });
  };

  window.Stripe = Stripe;
})();
