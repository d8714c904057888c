// Mounts GraphiQL (served by the API from its own installed copy: no CDN) with the explorer's contract
// operations preloaded as tabs. The tabs and the endpoint come from the JSON block in the page.
(function () {
  var config = JSON.parse(document.getElementById("graphiql-config").textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  // GraphiQL 3.9 fills the editors from its `query` and `variables` props, not from the tab they show: without
  // them a fresh browser shows the first tab's query with empty variables (its first run fails with "Expected a
  // value of non-null type 'ID!'"), and a browser with saved tabs gets a new tab without variables on each visit
  // (the props do not match a saved tab). So both are the tab that opens: the first contract tab in a fresh
  // browser, the saved active tab otherwise (it then matches that tab, and no tab is added).
  var opening = config.tabs[0] || { query: "", variables: "" };
  try {
    var saved = JSON.parse(window.localStorage.getItem("graphiql:tabState") || "null");
    if (saved && saved.tabs && saved.tabs[saved.activeTabIndex]) opening = saved.tabs[saved.activeTabIndex];
  } catch (e) {
    // storage refused or unreadable: GraphiQL starts from the contract's tabs as well
  }
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: config.tabs,
      query: opening.query,
      variables: opening.variables,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    })
  );
})();
