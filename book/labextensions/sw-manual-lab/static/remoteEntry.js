/* The manual's JupyterLab extension: a kernel only for pages that have code.
 *
 * JupyterLab starts a kernel for every notebook it opens, and jupytext's "Jupytext Notebook"
 * viewer (the one that opens the manual's .md pages) takes neither `autoStartDefaultKernel` nor
 * `kernelShutdown` from the notebook settings. So the front page and the progress page (no
 * kernelspec) ask for a kernel, the other pages without code start one each, and closing a tab
 * leaves its kernel running (upstream: jupyterlab/jupyterlab issue 4040). This plugin:
 *   - lets JupyterLab start a page's kernel (its kernelspec) only if one of its cells is code: the
 *     preference is set as the cells are read, before JupyterLab decides, so a page with code
 *     starts its kernel exactly as before (ipywidgets needs that) and a reopened tab joins its
 *     running kernel; a page without code opens with none and asks nothing;
 *   - gives Jupytext Notebook tabs JupyterLab's own "Shut down kernel on notebook close" setting
 *     (kernelShutdown, which the manual's settings turn on), as Notebook tabs have it;
 *   - marks a Markdown page modified only for a change its file can hold. JupyterLab adds an empty
 *     `language_info` (and, on the front page, an empty kernelspec) to every notebook it reads, and
 *     the kernel fills them in: each made every page "modified" the moment it opened, so closing
 *     any tab asked "Save your work?" although saving would write the same bytes (jupytext writes
 *     neither into a .md file). Edits, and outputs from running cells, still mark it modified.
 *
 * It is written as the container JupyterLab loads a prebuilt extension from (webpack module
 * federation's `init(shareScope)` and `get(module)`), not built with @jupyterlab/builder: it
 * imports nothing, so it needs no build step and no Node.js. `./manual lab` adds this folder's
 * parent to JupyterLab's extra_labextensions_path.
 */
(function () {
  "use strict";
  var NAME = "sw-manual-lab";
  var NOTEBOOK_VIEWERS = ["Notebook", "Jupytext Notebook"];

  function hasCode(model) {
    for (var i = 0; i < model.cells.length; i++) {
      if (model.cells.get(i).type === "code") return true;
    }
    return false;
  }

  // A notebook metadata change that jupytext does not write into a Markdown file.
  function notInTheFile(change) {
    if (change.key === "language_info") return true;
    if (change.key !== "kernelspec") return false;
    var before = change.oldValue || {}, after = change.newValue || {};
    return after.name === "" ||  // JupyterLab's placeholder for a page with no kernelspec
      (before.name === after.name && before.display_name === after.display_name && before.language === after.language);
  }

  function keepCleanForChangesNotInTheFile(model) {
    model.metadataChanged.connect(function (_, change) {
      // JupyterLab marks the model modified just after this signal: undo that if the page was clean
      if (!model.dirty && notInTheFile(change)) queueMicrotask(function () { model.dirty = false; });
    });
  }

  function followViewer(app, viewer) {
    viewer.widgetCreated.connect(function (_, panel) {
      // Called as the tab is made, before its file is read and before JupyterLab decides on a kernel.
      var session = panel.context.sessionContext;
      if (viewer.name.toLowerCase() === "jupytext notebook" && !/\.ipynb$/i.test(panel.context.path)) {
        keepCleanForChangesNotInTheFile(panel.context.model);
      }
      var notebooks = app.docRegistry.getWidgetFactory("Notebook");
      if (notebooks) {
        session.kernelPreference = Object.assign({}, session.kernelPreference,
                                                 { shutdownOnDispose: notebooks.shutdownOnClose });
      }
      // The page's cells arrive (all at once, as the file is read) before JupyterLab decides
      // whether to start a kernel; a code cell added later lets Run start one without asking.
      function preferKernelIfCode() {
        session.kernelPreference = Object.assign({}, session.kernelPreference,
                                                 { shouldStart: hasCode(panel.context.model) });
      }
      preferKernelIfCode();
      panel.context.model.cells.changed.connect(preferKernelIfCode);
    });
  }

  var plugin = {
    id: NAME + ":kernels",
    description: "Starts a kernel only for pages with code, and shuts it down when the tab closes.",
    autoStart: true,
    activate: function (app) {
      var followed = [];
      function follow(name) {  // JupyterLab gives a viewer's name in lower case in its change events
        var isNotebook = NOTEBOOK_VIEWERS.some(function (v) { return v.toLowerCase() === name.toLowerCase(); });
        var viewer = isNotebook && app.docRegistry.getWidgetFactory(name);
        if (viewer && followed.indexOf(viewer) < 0) {
          followed.push(viewer);
          followViewer(app, viewer);
        }
      }
      NOTEBOOK_VIEWERS.forEach(follow);
      app.docRegistry.changed.connect(function (_, change) {  // a viewer registered after this plugin
        if (change.type === "widgetFactory" && change.change === "added") follow(change.name);
      });
    }
  };

  var jupyterlab = (window._JUPYTERLAB = window._JUPYTERLAB || {});
  jupyterlab[NAME] = {
    init: function () { return Promise.resolve(); },  // shares and needs no modules
    get: function (module) {
      if (module !== "./extension") return Promise.reject(new Error(NAME + " has no module " + module));
      return Promise.resolve(function () { return { __esModule: true, default: [plugin] }; });
    }
  };
})();
