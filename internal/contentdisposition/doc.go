// Package contentdisposition builds the attachment Content-Disposition
// header value that jshttp/content-disposition 2.0.1's create() gives
// Express's res.attachment and res.download (Express master).
//
// Version 2 writes a plain ASCII file name as a bare token when it can
// (`attachment; filename=image.png`); version 1, used by Express 5.2.1,
// always quoted it and kept Latin-1 names without a filename* parameter.
package contentdisposition
