// Sign-in must be an HTTP response (it sets the cookie), so the interactive forms post here and then reload.
window.writersRoomAccount = {
    post: async function (url, body) {
        try {
            const response = await fetch(url, {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json', 'X-WritersRoom': '1' },
                body: JSON.stringify(body)
            });
            if (response.ok) return { ok: true, error: null };
            let error = 'The server refused the request (' + response.status + ').';
            try { error = (await response.json()).error || error; } catch { }
            return { ok: false, error: error };
        } catch (e) {
            return { ok: false, error: 'The server cannot be reached. Check your connection and try again.' };
        }
    }
};
