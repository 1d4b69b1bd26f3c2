package dev.inlet.media.fmp4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** What a muxer handed its sink, in order. */
final class Recording implements Fmp4Muxer.Sink {

    final List<InitSegment> inits = new ArrayList<>();
    final List<Fragment> fragments = new ArrayList<>();
    /** Init segments and fragments as a player would fetch them, one after the other. */
    final ByteArrayOutputStream file = new ByteArrayOutputStream();

    @Override
    public void onInitSegment(InitSegment init) {
        inits.add(init);
        file.writeBytes(init.bytes());
    }

    @Override
    public void onFragment(Fragment fragment) {
        fragments.add(fragment);
        file.writeBytes(fragment.bytes());
    }
}
