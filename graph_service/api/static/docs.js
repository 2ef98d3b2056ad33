// Starts Swagger UI on /docs. A file, not an inline script, so the page's policy may forbid
// inline scripts; the validator badge is off, since it would call a server on the internet.
window.SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
