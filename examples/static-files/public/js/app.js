console.log("app.js loaded");
