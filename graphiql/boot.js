// Mounts GraphiQL (served by the API from its own installed copy: no CDN) with the explorer's contract
// operations preloaded as tabs. The tabs and the endpoint come from the JSON block in the page.
(function () {
  var config = JSON.parse(document.getElementById("graphiql-config").textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  var props = {
    fetcher: fetcher,
    defaultTabs: config.tabs,
    defaultEditorToolsVisibility: true,
    shouldPersistHeaders: false,
  };
  // GraphiQL 3.9 fills the editors of the first tab from its `query` and `variables` props, not from
  // `defaultTabs`: without them a fresh browser shows the first tab's query with empty variables ("Expected a
  // value of non-null type 'ID!'"). Only a browser with no saved tabs gets them: one with saved tabs keeps its own
  // (given there, GraphiQL would add a tab for them on every visit).
  var saved = null;
  try {
    saved = window.localStorage.getItem("graphiql:tabState");
  } catch (e) {
    saved = null; // storage refused (privacy settings): GraphiQL starts fresh as well
  }
  if (!saved && config.tabs.length) {
    props.query = config.tabs[0].query;
    props.variables = config.tabs[0].variables;
  }
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, props));
})();
