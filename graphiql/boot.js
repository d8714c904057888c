// Mounts GraphiQL (served by the API from its own installed copy: no CDN) with the explorer's contract
// operations preloaded as tabs. The tabs and the endpoint come from the JSON block in the page.
(function () {
  var config = JSON.parse(document.getElementById("graphiql-config").textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: config.tabs,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    })
  );
})();
