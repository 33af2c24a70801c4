// The scene navigator brings a scene to the top of the view (CSS scroll-margin keeps it below the app bar).
window.writersRoomScreenplay = {
    scrollToScene: function (sceneId) {
        const scene = document.getElementById('scene-' + sceneId);
        if (!scene) return false;
        scene.scrollIntoView({ block: 'start' });
        return true;
    }
};
