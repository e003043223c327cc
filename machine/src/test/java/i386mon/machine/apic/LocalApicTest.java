package i386mon.machine.apic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import i386mon.machine.cpu.ApicBaseRegister;
import org.junit.jupiter.api.Test;

class LocalApicTest {
    private final ApicRig rig = new ApicRig();

    @Test
    void versionReadsIntegratedApicWithSixLvtEntries() {
        assertEquals(0x0005_0014, rig.read(0x30));
    }

    @Test
    void idHoldsTheApicIdInTheTopByteAndIsWritable() {
        assertEquals(0, rig.read(0x20));
        rig.write(0x20, 0x0300_00FF);
        assertEquals(0x0300_0000, rig.read(0x20));
    }

    @Test
    void powerOnStateIsSoftwareDisabledWithEveryLvtMasked() {
        assertEquals(0xFF, rig.read(0xF0));
        for (int reg = 0x320; reg <= 0x370; reg += 0x10) assertEquals(0x1_0000, rig.read(reg), Integer.toHexString(reg));
        assertEquals(0xFFFF_FFFF, rig.read(0xE0));
    }

    @Test
    void apicBaseMsrSaysEnabledBootstrapCpuAtTheDefaultBase() {
        assertEquals(0xFEE0_0000L | ApicBaseRegister.ENABLE | LocalApic.BSP, rig.lapic.readApicBase());
    }

    @Test
    void selfIpiGoesToIrrThenInServiceOnAcknowledge() {
        rig.enabled().selfIpi(0x40);
        assertTrue(rig.irr(0x40));
        assertEquals(0x40, rig.take());
        assertFalse(rig.irr(0x40));
        assertTrue(rig.isr(0x40));
    }

    @Test
    void eoiClearsTheHighestInServiceVector() {
        rig.enabled().selfIpi(0x40);
        rig.take();
        rig.selfIpi(0x90);
        assertEquals(0x90, rig.take());
        rig.write(0xB0, 0);
        assertFalse(rig.isr(0x90));
        assertTrue(rig.isr(0x40));
    }

    @Test
    void vectorInTheTaskPriorityClassWaitsInIrr() {
        rig.enabled().write(0x80, 0x50);
        rig.selfIpi(0x55);
        assertEquals(-1, rig.take());
        assertTrue(rig.irr(0x55));
        rig.write(0x80, 0x40);
        assertEquals(0x55, rig.take());
    }

    @Test
    void processorPriorityIsTheInServiceClassWhenAboveTheTaskPriority() {
        rig.enabled().write(0x80, 0x23);
        assertEquals(0x23, rig.read(0xA0));
        rig.selfIpi(0x61);
        rig.take();
        assertEquals(0x60, rig.read(0xA0));
    }

    @Test
    void lowerClassWaitsForEoiOfTheHigherOneInService() {
        rig.enabled().selfIpi(0x80);
        rig.take();
        rig.selfIpi(0x70);
        assertEquals(-1, rig.take());
        rig.write(0xB0, 0);
        assertEquals(0x70, rig.take());
    }

    @Test
    void higherClassPreemptsTheOneInService() {
        rig.enabled().selfIpi(0x40);
        rig.take();
        rig.selfIpi(0x50);
        assertEquals(0x50, rig.take());
    }

    @Test
    void softwareDisabledApicDropsFixedInterrupts() {
        rig.selfIpi(0x40);
        assertFalse(rig.irr(0x40));
        assertEquals(-1, rig.take());
    }

    @Test
    void softwareDisableMasksTheLvtAndKeepsItMasked() {
        rig.enabled().write(0x320, 0x40);
        rig.write(0xF0, 0xFF);
        assertEquals(0x1_0040, rig.read(0x320));
        rig.write(0x320, 0x41);
        assertEquals(0x1_0041, rig.read(0x320));
    }

    @Test
    void lintZeroInExtIntModePassesThePicVector() {
        rig.lapic.biosVirtualWire();
        rig.initPics();
        rig.router.setIrq(3, true);
        assertEquals(0x23, rig.take());
    }

    @Test
    void apicVectorGoesBeforeThePicVector() {
        rig.lapic.biosVirtualWire();
        rig.initPics();
        rig.router.setIrq(3, true);
        rig.selfIpi(0x40);
        assertEquals(0x40, rig.take());
        assertEquals(0x23, rig.take());
    }

    @Test
    void maskedLintZeroKeepsThePicFromTheCpu() {
        rig.lapic.biosVirtualWire();
        rig.write(0x350, 0x1_0700);
        rig.initPics();
        rig.router.setIrq(3, true);
        assertEquals(-1, rig.take());
    }

    @Test
    void globallyDisabledApicLetsThePicThroughAndItsPageReadsAllOnes() {
        rig.enabled().write(0x350, 0x1_0700);
        assertTrue(rig.lapic.writeApicBase(LocalApic.DEFAULT_BASE | LocalApic.BSP));
        rig.initPics();
        rig.router.setIrq(3, true);
        assertEquals(0x23, rig.take());
        assertEquals(0xFFFF_FFFF, rig.read(0x30));
    }

    @Test
    void globalDisableLastsUntilReset() {
        rig.lapic.writeApicBase(LocalApic.DEFAULT_BASE);
        rig.lapic.writeApicBase(LocalApic.DEFAULT_BASE | ApicBaseRegister.ENABLE);
        assertEquals(0, rig.lapic.readApicBase() & ApicBaseRegister.ENABLE);
    }

    @Test
    void apicBaseMsrMovesTheRegisterPage() {
        assertTrue(rig.lapic.writeApicBase(0xFED0_0000L | ApicBaseRegister.ENABLE | LocalApic.BSP));
        assertEquals(0x0005_0014, rig.memory.read32(0xFED0_0030L));
        assertEquals(0xFFFF_FFFF, rig.read(0x30));
    }

    @Test
    void apicBaseWithReservedBitsIsRefused() {
        assertFalse(rig.lapic.writeApicBase(LocalApic.DEFAULT_BASE | ApicBaseRegister.ENABLE | 1 << 10));
        assertFalse(rig.lapic.writeApicBase(LocalApic.DEFAULT_BASE | ApicBaseRegister.ENABLE | 1L << 40));
        assertEquals(LocalApic.DEFAULT_BASE | ApicBaseRegister.ENABLE | LocalApic.BSP, rig.lapic.readApicBase());
    }

    @Test
    void ipiToAnAbsentApicGoesNowhere() {
        rig.enabled().write(0x310, 5 << 24);
        rig.write(0x300, 0x40 | 1 << 14);
        assertFalse(rig.irr(0x40));
        assertEquals(0, rig.read(0x280));
    }

    @Test
    void ipiToPhysicalDestinationZeroReachesThisApic() {
        rig.enabled().write(0x310, 0);
        rig.write(0x300, 0x40 | 1 << 14);
        assertTrue(rig.irr(0x40));
    }

    @Test
    void allButSelfReachesNoOneOnOneCpuAndAllIncludesSelf() {
        rig.enabled().write(0x300, 0x40 | 3 << 18);
        assertFalse(rig.irr(0x40));
        rig.write(0x300, 0x41 | 2 << 18);
        assertTrue(rig.irr(0x41));
    }

    @Test
    void logicalFlatDestinationMatchesTheLogicalIdBits() {
        rig.enabled().write(0xD0, 0x0200_0000);
        rig.write(0x310, 0x0100_0000);
        rig.write(0x300, 0x40 | 1 << 11);
        assertFalse(rig.irr(0x40));
        rig.write(0x310, 0x0300_0000);
        rig.write(0x300, 0x41 | 1 << 11);
        assertTrue(rig.irr(0x41));
    }

    @Test
    void logicalClusterDestinationNeedsTheClusterAndAMemberBit() {
        rig.enabled().write(0xE0, 0x0FFF_FFFF);
        rig.write(0xD0, 0x2100_0000);
        rig.write(0x310, 0x1100_0000);
        rig.write(0x300, 0x40 | 1 << 11);
        assertFalse(rig.irr(0x40));
        rig.write(0x310, 0x2300_0000);
        rig.write(0x300, 0x41 | 1 << 11);
        assertTrue(rig.irr(0x41));
    }

    @Test
    void ipiWithAnIllegalVectorIsNotSentAndShowsInEsrAfterAWrite() {
        rig.enabled().selfIpi(0x05);
        assertEquals(0, rig.read(0x280));
        rig.write(0x280, 0);
        assertEquals(LocalApic.ESR_SEND_ILLEGAL_VECTOR, rig.read(0x280));
        rig.write(0x280, 0);
        assertEquals(0, rig.read(0x280));
    }

    @Test
    void errorLvtRaisesItsVectorOnAnError() {
        rig.enabled().write(0x370, 0x50);
        rig.selfIpi(0x05);
        assertTrue(rig.irr(0x50));
    }

    @Test
    void nmiIpiIsTakenOnceWhateverTheTaskPriority() {
        rig.enabled().write(0x80, 0xF0);
        rig.write(0x300, 4 << 8 | 1 << 18);
        assertTrue(rig.router.cpu(0).takeNmi());
        assertFalse(rig.router.cpu(0).takeNmi());
    }

    @Test
    void initAndStartupToAllButSelfChangeNothingHere() {
        rig.enabled().write(0x300, 0x000C_4500);
        rig.write(0x300, 0x000C_4610);
        assertEquals(-1, rig.take());
        assertFalse(rig.router.cpu(0).takeNmi());
        assertEquals(0x000C_4610, rig.read(0x300));
    }

    @Test
    void icrDeliveryStatusReadsIdle() {
        rig.enabled().write(0x300, 0x40 | 1 << 18 | 1 << 12);
        assertEquals(0, rig.read(0x300) & 1 << 12);
    }

    @Test
    void accessesNarrowerThanADwordReadZeroAndWriteNothing() {
        assertEquals(0, rig.memory.read8(LocalApic.DEFAULT_BASE + 0xF0));
        rig.memory.write8(LocalApic.DEFAULT_BASE + 0xF1, 1);
        assertEquals(0xFF, rig.read(0xF0));
    }

    @Test
    void reservedRegisterReadsZeroAndFlagsAnIllegalRegister() {
        rig.enabled();
        assertEquals(0, rig.read(0x40));
        rig.write(0x280, 0);
        assertEquals(LocalApic.ESR_ILLEGAL_REGISTER, rig.read(0x280));
    }

    @Test
    void registerWritesTellTheCpuToLookForInterrupts() {
        int before = rig.interruptChanges;
        rig.enabled().selfIpi(0x40);
        assertTrue(rig.interruptChanges > before);
    }

    @Test
    void dfrKeepsItsReservedBitsSet() {
        rig.write(0xE0, 0);
        assertEquals(0x0FFF_FFFF, rig.read(0xE0));
    }
}
