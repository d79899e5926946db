/**
 * Uploads one file straight to S3 with a presigned PUT URL (XMLHttpRequest, for upload progress).
 * The URL signs Content-Type and Content-Length: the browser sets the length itself.
 */

/**
 * @param {string} url
 * @param {Blob} body
 * @param {string} contentType
 * @param {(loaded: number, total: number) => void} onProgress
 * @returns {Promise<void>}
 */
export function putFile(url, body, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size, body.size);
        resolve();
      } else reject(new Error(`Der Speicher hat die Datei abgelehnt (HTTP ${xhr.status}).`));
    });
    xhr.addEventListener('error', () =>
      reject(
        new Error('Die Datei konnte nicht übertragen werden (Verbindung unterbrochen oder nicht erlaubt).'),
      ),
    );
    xhr.addEventListener('abort', () => reject(new Error('Das Hochladen wurde abgebrochen.')));
    xhr.send(body);
  });
}
