// Bundling stub: mjml → html-minifier requires uglify-js at load time, and uglify-js reads its own source
// files from disk, which fails inside an esbuild bundle. We never minify JavaScript in e-mails.
module.exports = {};
